// The shipped scenarios, bundled into the page as text, with the guide each one's leading comment gives.
import { guideOf } from '../../sim/scenario/guide.ts';

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface ShippedScenario {
  /** The file name without .yaml: what `#scenario=` names. */
  name: string;
  fileName: string;
  text: string;
  /** What to watch: the comment block the file opens with. */
  guide: string;
}

export const DEFAULT_SCENARIO = 'vsphere-firmware-rollout';

export const SHIPPED: ShippedScenario[] = Object.entries(files)
  .map(([path, text]) => {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    return { name: fileName.replace(/\.yaml$/, ''), fileName, text, guide: guideOf(text) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
