// The entry of a records worker thread. Stint runs its TypeScript through tsx, and a worker thread
// does not inherit the loader of the thread that started it (nor vitest's), so the worker registers
// tsx itself before loading the tasks.
import { register } from 'tsx/esm/api';

register();
const { runRecordTask } = await import('./tasks.ts');

export default runRecordTask;
