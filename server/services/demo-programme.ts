/**
 * The believable programme `npm start` and `npm run seed` fill an empty database with: four
 * organisations from different sectors, their supervisors, students with different skills and
 * free hours, and a mentor. Every demo account shares one password, printed at start.
 */
export const DEMO_PASSWORD = 'stint-demo-2026';

export interface DemoPerson {
  name: string;
  email: string;
  role: 'student' | 'supervisor' | 'mentor' | 'admin';
  /** For supervisors: the organisation they run projects for. */
  organisation?: string;
  /** For students: a line about them, shown in the printed logins. */
  about?: string;
}

export const DEMO_ORGANISATIONS = [
  { name: 'Corner Thread Fabrics', sector: 'retail', about: 'A family fabric shop on the high street.' },
  { name: 'Eastside Food Bank', sector: 'nonprofit', about: 'Feeds 400 households a week with volunteers.' },
  {
    name: 'Lantern Community Theatre',
    sector: 'community',
    about: 'Puts on four shows a year in a church hall.',
  },
  {
    name: 'Second Spin Bikes',
    sector: 'social_enterprise',
    about: 'Refurbishes bikes with young people leaving care.',
  },
] as const;

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Priya Raman',
    email: 'priya@cornerthread.example',
    role: 'supervisor',
    organisation: 'Corner Thread Fabrics',
  },
  {
    name: 'Tom Okafor',
    email: 'tom@eastsidefoodbank.example',
    role: 'supervisor',
    organisation: 'Eastside Food Bank',
  },
  {
    name: 'Margaret Lowe',
    email: 'margaret@lanterntheatre.example',
    role: 'supervisor',
    organisation: 'Lantern Community Theatre',
  },
  {
    name: 'Dev Patel',
    email: 'dev@secondspin.example',
    role: 'supervisor',
    organisation: 'Second Spin Bikes',
  },
  {
    name: 'Zoë Ñúñez',
    email: 'zoe@student.example',
    role: 'student',
    about: 'Instagram and Canva, 6 h/week around a part-time job',
  },
  {
    name: 'Marcus Bell',
    email: 'marcus@student.example',
    role: 'student',
    about: 'Excel and data analysis, 12 h/week',
  },
  {
    name: 'Aisha Karim',
    email: 'aisha@student.example',
    role: 'student',
    about: 'Copywriting and grant research, evenings only',
  },
  {
    name: 'Sam Whitfield',
    email: 'sam@student.example',
    role: 'student',
    about: 'Web and JavaScript, career changer, 15 h/week',
  },
  { name: 'Grace Mensah', email: 'grace@mentor.example', role: 'mentor' },
  { name: 'Programme Admin', email: 'admin@stint.example', role: 'admin' },
];
