import type { ProjectTemplate } from './schemas/marketplace-views.ts';

/**
 * Starting points for a business that has never written an internship: each pre-fills goals,
 * deliverables, milestones (with hour estimates the scoping check adds up) and skills. Skills are
 * named as a person would; the server resolves them against the taxonomy.
 */
export const PROJECT_TEMPLATES: ProjectTemplate[] = [
  {
    id: 'shop-social-campaign',
    title: 'Social-media campaign for a local shop',
    kind: 'Social media',
    sectors: ['retail', 'small_business'],
    summary:
      'Plan and run a four-week Instagram campaign that shows what the shop sells and who runs it, to bring new local customers through the door.',
    goals: ['Reach more local customers', 'Build a posting routine the shop can keep up'],
    deliverables: [
      'A content calendar for four weeks',
      '12 designed posts and captions',
      'A short results report',
    ],
    milestones: [
      { title: 'Agree audience, tone and content calendar', week: 1, hours: 6 },
      { title: 'Design and schedule the first six posts', week: 2, hours: 8 },
      { title: 'Design and schedule the remaining posts', week: 3, hours: 8 },
      { title: 'Report reach and what to keep doing', week: 4, hours: 4 },
    ],
    skills: [
      { skill: 'Instagram', level: 2 },
      { skill: 'Canva', level: 2 },
      { skill: 'copywriting', level: 1 },
      { skill: 'content calendar', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 7,
    remote: 'hybrid',
  },
  {
    id: 'nonprofit-donor-database',
    title: 'Donor database clean-up for a nonprofit',
    kind: 'Data',
    sectors: ['nonprofit', 'community'],
    summary:
      'Clean and de-duplicate the donor spreadsheet, agree a simple structure, and move it into a free CRM so thank-you letters and Gift Aid claims stop going astray.',
    goals: ['One reliable list of donors', 'A routine volunteers can follow to keep it clean'],
    deliverables: [
      'A cleaned, de-duplicated donor list',
      'Records imported into the CRM',
      'A one-page guide for volunteers',
    ],
    milestones: [
      { title: 'Audit the current spreadsheet and agree fields', week: 1, hours: 6 },
      { title: 'Clean and de-duplicate records', week: 2, hours: 10 },
      { title: 'Import into the CRM and check', week: 3, hours: 8 },
      { title: 'Write the volunteer guide and hand over', week: 4, hours: 4 },
    ],
    skills: [
      { skill: 'Excel', level: 2 },
      { skill: 'data cleaning', level: 2 },
      { skill: 'CRM', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 8,
    remote: 'remote',
  },
  {
    id: 'theatre-event-marketing',
    title: 'Event marketing for a community theatre',
    kind: 'Events',
    sectors: ['community', 'nonprofit'],
    summary:
      'Promote the spring production: posters, social posts, a listing in local what’s-on guides and an email to past audiences, so more seats are sold.',
    goals: ['Sell more tickets than last season', 'Reach families who have not been before'],
    deliverables: [
      'A poster and flyer',
      'Social posts for the run',
      'Listings in at least five local guides',
      'An email to past audiences',
    ],
    milestones: [
      { title: 'Agree the message and design the poster', week: 1, hours: 6 },
      { title: 'Listings and email campaign', week: 2, hours: 6 },
      { title: 'Social posts through the run', week: 3, hours: 6 },
      { title: 'Count ticket numbers and write up what worked', week: 4, hours: 3 },
    ],
    skills: [
      { skill: 'event marketing', level: 2 },
      { skill: 'graphic design', level: 1 },
      { skill: 'email marketing', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 6,
    remote: 'hybrid',
  },
  {
    id: 'market-research',
    title: 'Market research: who are our customers?',
    kind: 'Research',
    sectors: ['small_business', 'retail', 'social_enterprise'],
    summary:
      'Find out who buys from us and why: a short survey, five customer interviews, and a look at two competitors, ending with clear recommendations.',
    goals: ['Understand our customers', 'Decide where to spend our advertising budget'],
    deliverables: [
      'A customer survey and its results',
      'Notes from five interviews',
      'A report with recommendations',
    ],
    milestones: [
      { title: 'Design the survey and interview questions', week: 1, hours: 6 },
      { title: 'Run the survey and interviews', week: 2, hours: 8 },
      { title: 'Competitor review', week: 3, hours: 5 },
      { title: 'Analyse and present recommendations', week: 4, hours: 6 },
    ],
    skills: [
      { skill: 'market research', level: 2 },
      { skill: 'survey design', level: 1 },
      { skill: 'data analysis', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 7,
    remote: 'remote',
  },
  {
    id: 'website-refresh',
    title: 'Website refresh',
    kind: 'Web',
    sectors: ['small_business', 'nonprofit', 'social_enterprise', 'community'],
    summary:
      'Refresh the organisation’s WordPress site: clearer home page, up-to-date opening hours and services, faster pages and basic accessibility fixes.',
    goals: ['Visitors find what they need in one click', 'The site works well on phones'],
    deliverables: [
      'A rewritten home page',
      'Updated service pages',
      'An accessibility and speed check with fixes applied',
    ],
    milestones: [
      { title: 'Review the site and agree changes', week: 1, hours: 5 },
      { title: 'Rewrite and rebuild key pages', week: 2, hours: 10 },
      { title: 'Accessibility and speed fixes', week: 3, hours: 8 },
      { title: 'Hand-over notes for staff', week: 4, hours: 3 },
    ],
    skills: [
      { skill: 'WordPress', level: 2 },
      { skill: 'web accessibility', level: 1 },
      { skill: 'copywriting', level: 1 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 7,
    remote: 'remote',
  },
  {
    id: 'data-dashboard',
    title: 'A simple data dashboard',
    kind: 'Data',
    sectors: ['nonprofit', 'social_enterprise', 'public_sector', 'small_business'],
    summary:
      'Turn the monthly figures kept in spreadsheets into a dashboard in Google Sheets or Looker Studio that trustees and staff can read at a glance.',
    goals: ['Figures everyone trusts', 'Less time spent on monthly reports'],
    deliverables: ['A dashboard with the agreed measures', 'A short guide to updating it'],
    milestones: [
      { title: 'Agree the measures and gather data', week: 1, hours: 6 },
      { title: 'Build the dashboard', week: 2, hours: 10 },
      { title: 'Test with staff and refine', week: 3, hours: 6 },
    ],
    skills: [
      { skill: 'data visualisation', level: 2 },
      { skill: 'Google Sheets', level: 2 },
      { skill: 'data analysis', level: 1 },
    ],
    durationWeeks: 3,
    hoursPerWeek: 8,
    remote: 'remote',
  },
  {
    id: 'grant-research',
    title: 'Grant research and a first application',
    kind: 'Fundraising',
    sectors: ['nonprofit', 'community', 'social_enterprise'],
    summary:
      'Find grants we are eligible for, rank them by fit and deadline, and draft one application with the director.',
    goals: ['A pipeline of grants to apply for', 'One strong application submitted'],
    deliverables: ['A ranked list of at least ten suitable grants', 'One drafted grant application'],
    milestones: [
      { title: 'Search and shortlist funders', week: 1, hours: 8 },
      { title: 'Rank by fit and deadline', week: 2, hours: 4 },
      { title: 'Draft the first application', week: 3, hours: 8 },
      { title: 'Revise with the director and submit', week: 4, hours: 4 },
    ],
    skills: [
      { skill: 'grant writing', level: 2 },
      { skill: 'research', level: 2 },
    ],
    durationWeeks: 4,
    hoursPerWeek: 6,
    remote: 'remote',
  },
  {
    id: 'volunteer-rota',
    title: 'Volunteer rota and onboarding pack',
    kind: 'Operations',
    sectors: ['nonprofit', 'community'],
    summary:
      'Replace the paper rota with a shared online one and write a welcome pack, so new volunteers know where to be and what to do.',
    goals: ['No more missed shifts', 'New volunteers feel welcome from day one'],
    deliverables: ['A shared online rota', 'A volunteer welcome pack'],
    milestones: [
      { title: 'Map how shifts work today', week: 1, hours: 4 },
      { title: 'Set up the shared rota', week: 2, hours: 6 },
      { title: 'Write and test the welcome pack', week: 3, hours: 6 },
    ],
    skills: [
      { skill: 'volunteer coordination', level: 1 },
      { skill: 'Google Sheets', level: 1 },
      { skill: 'writing', level: 1 },
    ],
    durationWeeks: 3,
    hoursPerWeek: 6,
    remote: 'hybrid',
  },
];

export function findTemplate(id: string): ProjectTemplate | undefined {
  return PROJECT_TEMPLATES.find((template) => template.id === id);
}
