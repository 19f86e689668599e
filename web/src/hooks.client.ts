import { z } from 'zod';

// zod compiles object parsers with `new Function` when it may; under our Content-Security-Policy
// (no 'unsafe-eval') its probe for that is reported as a violation, so it parses without compiling.
z.config({ jitless: true });
