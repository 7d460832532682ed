// A scenario as the data a file holds (before defaults): what arbitraryScenario draws and simulate
// takes. The schema's input type, so a user's hand-written object is checked by the compiler too.
import type { z } from 'zod';
import type { scenarioFileSchema } from '../scenario/schema.ts';

export type ScenarioInput = z.input<typeof scenarioFileSchema>;
