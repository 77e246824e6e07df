import type { ValueConfiguration } from '../api';

// The four value configurations in their order, and the letter each is drawn with (so a map
// reads in greyscale as in colour).
export const CONFIGURATIONS: ValueConfiguration[] = ['chain', 'shop', 'network', 'access'];
export const LETTER: Record<ValueConfiguration, string> = { chain: 'C', shop: 'S', network: 'N', access: 'A' };
