// The networks a host has: its main NIC ('migration') and an optional separate storage NIC. A leaf
// of its own so that network.ts and the files it is built from (network-fill.ts,
// network-links.ts) all import it without importing each other in a circle.
export type NetworkName = 'migration' | 'storage';
