import type { SkillCategory } from './types.ts';

export const SKILL_CATEGORIES: readonly SkillCategory[] = [
  { id: 'social-media', label: 'Social media' },
  { id: 'marketing', label: 'Marketing' },
  { id: 'writing', label: 'Writing and content' },
  { id: 'design', label: 'Design' },
  { id: 'media', label: 'Photo, video and audio' },
  { id: 'web', label: 'Websites and online shops' },
  { id: 'software', label: 'Software and IT' },
  { id: 'data', label: 'Data and spreadsheets' },
  { id: 'finance', label: 'Finance and bookkeeping' },
  { id: 'fundraising', label: 'Fundraising and grants' },
  { id: 'events', label: 'Events' },
  { id: 'research', label: 'Research' },
  { id: 'operations', label: 'Operations and admin' },
  { id: 'customers', label: 'Customers and sales' },
  { id: 'languages', label: 'Languages and translation' },
  { id: 'community', label: 'Community, volunteering and inclusion' },
  { id: 'people', label: 'Working with people' },
];
