import type { Skill } from '../types.ts';
import { COMMUNITY_SKILLS } from './community.ts';
import { CUSTOMER_SKILLS } from './customers.ts';
import { DATA_SKILLS } from './data.ts';
import { DESIGN_SKILLS } from './design.ts';
import { EVENTS_SKILLS } from './events.ts';
import { FINANCE_SKILLS } from './finance.ts';
import { FUNDRAISING_SKILLS } from './fundraising.ts';
import { LANGUAGE_SKILLS } from './languages.ts';
import { MARKETING_SKILLS } from './marketing.ts';
import { MEDIA_SKILLS } from './media.ts';
import { OFFICE_TOOL_SKILLS } from './office-tools.ts';
import { OPERATIONS_SKILLS } from './operations.ts';
import { PEOPLE_SKILLS } from './people.ts';
import { RESEARCH_SKILLS } from './research.ts';
import { SOCIAL_MEDIA_SKILLS } from './social-media.ts';
import { SOFTWARE_SKILLS } from './software.ts';
import { WEB_SKILLS } from './web.ts';
import { WRITING_SKILLS } from './writing.ts';

/** Every skill, in category order (the order pickers show them in). */
export const ALL_SKILLS: readonly Skill[] = [
  ...SOCIAL_MEDIA_SKILLS,
  ...MARKETING_SKILLS,
  ...WRITING_SKILLS,
  ...DESIGN_SKILLS,
  ...MEDIA_SKILLS,
  ...WEB_SKILLS,
  ...SOFTWARE_SKILLS,
  ...DATA_SKILLS,
  ...FINANCE_SKILLS,
  ...FUNDRAISING_SKILLS,
  ...EVENTS_SKILLS,
  ...RESEARCH_SKILLS,
  ...OPERATIONS_SKILLS,
  ...OFFICE_TOOL_SKILLS,
  ...CUSTOMER_SKILLS,
  ...LANGUAGE_SKILLS,
  ...COMMUNITY_SKILLS,
  ...PEOPLE_SKILLS,
];
