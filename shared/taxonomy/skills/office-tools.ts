import { inCategory, skill } from '../define.ts';

/** Office suites, calls and CRMs: tools of the operations category, kept apart to keep files small. */
export const OFFICE_TOOL_SKILLS = inCategory('operations', [
  skill(
    'google-workspace',
    'Google Workspace',
    [
      'g suite',
      'gsuite',
      'google drive',
      'google docs',
      'gmail',
      'google calendar',
      'google slides',
      'google apps',
      'google suite',
      'google doc',
    ],
    { medium: ['google-sheets', 'knowledge-management', 'microsoft-office'] },
  ),
  skill(
    'microsoft-office',
    'Microsoft Office',
    [
      'ms office',
      'office 365',
      'microsoft 365',
      'm365',
      'o365',
      'office suite',
      'microsoft office suite',
      'microsoft office skills',
      'ms office suite',
    ],
    {
      strong: ['excel', 'microsoft-word', 'presentation-software'],
      medium: ['google-workspace', 'sharepoint'],
    },
  ),
  skill(
    'microsoft-word',
    'Microsoft Word',
    ['ms word', 'microsoft word', 'word processing', 'word documents', 'word docs', 'word processor'],
    { medium: ['microsoft-office'], weak: ['writing'] },
    {
      exactCase: ['Word'],
    },
  ),
  skill(
    'presentation-software',
    'PowerPoint and Slides',
    [
      'powerpoint',
      'power point',
      'ppt',
      'powerpoints',
      'slides',
      'microsoft powerpoint',
      'powerpoint slides',
      'prezi',
    ],
    {
      strong: ['presentation-design'],
      medium: ['microsoft-office'],
    },
    { exactCase: ['Keynote'] },
  ),
  skill(
    'sharepoint',
    'SharePoint and Teams',
    ['share point', 'microsoft teams', 'ms teams', 'onedrive', 'one drive'],
    { medium: ['microsoft-office', 'knowledge-management'] },
    {
      exactCase: ['Teams'],
    },
  ),
  skill(
    'video-calls',
    'Video calls',
    ['zoom calls', 'zoom meetings', 'video conferencing', 'google meet', 'video calls', 'hosting zoom'],
    { medium: ['online-events'] },
    {
      exactCase: ['Zoom'],
    },
  ),
  skill(
    'crm',
    'CRM',
    [
      'crm systems',
      'crm system',
      'customer relationship management',
      'crm database',
      'contact management',
      'crm software',
      'c r m',
      'crms',
      'customer database',
      'contacts list',
      'mailing database',
    ],
    {
      strong: ['salesforce', 'hubspot', 'zoho', 'fundraising-crm'],
      medium: ['databases', 'data-cleaning', 'customer-retention', 'account-management'],
    },
  ),
  skill('salesforce', 'Salesforce', ['sales force', 'sfdc', 'salesforce crm'], { strong: ['crm'] }),
  skill('hubspot', 'HubSpot', ['hub spot', 'hubspot crm'], { strong: ['crm'], medium: ['email-marketing'] }),
  skill('zoho', 'Zoho CRM', ['zoho', 'zoho one'], { strong: ['crm'] }),
]);
