import { describe, it, expect } from 'vitest';
import { Engine } from '../../sim/core/engine.ts';
import { Network, type FlowId } from '../../sim/model/network.ts';

/** Decimal, as NICs are sold: 10 Gb/s = 1.25e9 bytes/s. */
const gbps = (n: number): number => (n * 1e9) / 8;
const GiB = 2 ** 30;

function cluster(nicGbps: Record<string, number>, storageNicGbps: Record<string, number> = {}) {
  const engine = new Engine();
  const network = new Network(engine);
  for (const host of Object.keys(nicGbps)) {
    const storage = storageNicGbps[host];
    network.addHost(host, gbps(nicGbps[host]), storage === undefined ? undefined : gbps(storage));
  }
  const finished: { id: FlowId; atMs: number; sent: number }[] = [];
  const onDone = (id: FlowId): void => {
    finished.push({ id, atMs: engine.now, sent: network.sentBytes(id) });
  };
  return { engine, network, finished, onDone };
}

describe('Network rates', () => {
  it('gives a lone flow the whole NIC, or its cap when the cap is lower', () => {
    const { network, onDone } = cluster({ a: 10, b: 10, c: 10, d: 10 });
    const free = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const capped = network.start({ src: 'c', dst: 'd', bytes: GiB, capBytesPerSec: 1e8, onDone });
    expect(network.rateBytesPerSec(free)).toBe(1.25e9);
    expect(network.rateBytesPerSec(capped)).toBe(1e8);
  });

  it('limits a flow to the slower of the two NICs it crosses', () => {
    const { network, onDone } = cluster({ a: 10, b: 1 });
    const id = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    expect(network.rateBytesPerSec(id)).toBe(1.25e8);
  });

  it('splits a host transmit link evenly between two flows leaving it', () => {
    const { network, onDone } = cluster({ a: 10, b: 10, c: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const ac = network.start({ src: 'a', dst: 'c', bytes: GiB, onDone });
    expect(network.rateBytesPerSec(ab)).toBe(6.25e8);
    expect(network.rateBytesPerSec(ac)).toBe(6.25e8);
  });

  it('gives the rest of a shared link to the flow whose neighbour is bottlenecked elsewhere', () => {
    // b's 4 Gb/s receive link is shared by a->b and d->b: 2 Gb/s each. a's 10 Gb/s transmit link
    // then has 8 Gb/s left, all for a->c.
    const { network, onDone } = cluster({ a: 10, b: 4, c: 10, d: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const ac = network.start({ src: 'a', dst: 'c', bytes: GiB, onDone });
    const db = network.start({ src: 'd', dst: 'b', bytes: GiB, onDone });
    expect(network.rateBytesPerSec(ab)).toBeCloseTo(gbps(2), 3);
    expect(network.rateBytesPerSec(db)).toBeCloseTo(gbps(2), 3);
    expect(network.rateBytesPerSec(ac)).toBeCloseTo(gbps(8), 3);
  });

  it('lets a capped flow leave its unused share to the others on the link', () => {
    const { network, onDone } = cluster({ a: 10, b: 10, c: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, capBytesPerSec: 2.5e8, onDone });
    const ac = network.start({ src: 'a', dst: 'c', bytes: GiB, onDone });
    expect(network.rateBytesPerSec(ab)).toBe(2.5e8);
    expect(network.rateBytesPerSec(ac)).toBe(1e9);
    network.setCap(ab, undefined);
    expect(network.rateBytesPerSec(ab)).toBe(6.25e8);
    expect(network.rateBytesPerSec(ac)).toBe(6.25e8);
  });

  it('uses full-duplex NICs, so flows in opposite directions do not compete', () => {
    const { network, onDone } = cluster({ a: 10, b: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const ba = network.start({ src: 'b', dst: 'a', bytes: GiB, onDone });
    expect(network.rateBytesPerSec(ab)).toBe(1.25e9);
    expect(network.rateBytesPerSec(ba)).toBe(1.25e9);
  });

  it('keeps storage flows off the migration NIC when a host has a separate storage NIC', () => {
    const { network, onDone } = cluster({ a: 10, b: 10, c: 10 }, { a: 25, b: 25, c: 25 });
    const migration = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const storage = network.start({ src: 'a', dst: 'c', bytes: GiB, network: 'storage', onDone });
    expect(network.rateBytesPerSec(migration)).toBe(1.25e9);
    expect(network.rateBytesPerSec(storage)).toBe(gbps(25));
  });

  it('makes storage flows share the main NIC with migrations when a host has no storage NIC', () => {
    const { network, onDone } = cluster({ a: 10, b: 10, c: 10 });
    const migration = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const storage = network.start({ src: 'a', dst: 'c', bytes: GiB, network: 'storage', onDone });
    expect(network.rateBytesPerSec(migration)).toBe(6.25e8);
    expect(network.rateBytesPerSec(storage)).toBe(6.25e8);
  });

  it('reports every link with its capacity and the sum of its flows rates', () => {
    const { network, onDone } = cluster({ a: 10, b: 10 }, { b: 25 });
    network.start({ src: 'a', dst: 'b', bytes: GiB, capBytesPerSec: 3e8, onDone });
    expect(network.links()).toEqual([
      { host: 'a', network: 'migration', direction: 'tx', capacityBytesPerSec: 1.25e9, loadBytesPerSec: 3e8 },
      { host: 'a', network: 'migration', direction: 'rx', capacityBytesPerSec: 1.25e9, loadBytesPerSec: 0 },
      { host: 'b', network: 'migration', direction: 'tx', capacityBytesPerSec: 1.25e9, loadBytesPerSec: 0 },
      { host: 'b', network: 'migration', direction: 'rx', capacityBytesPerSec: 1.25e9, loadBytesPerSec: 3e8 },
      { host: 'b', network: 'storage', direction: 'tx', capacityBytesPerSec: gbps(25), loadBytesPerSec: 0 },
      { host: 'b', network: 'storage', direction: 'rx', capacityBytesPerSec: gbps(25), loadBytesPerSec: 0 },
    ]);
  });
});

describe('Network completions', () => {
  it('completes 1 GiB over 10 Gb/s at ms 859 (858.993 ms rounded up)', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10 });
    const id = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    engine.run();
    expect(finished).toEqual([{ id, atMs: 859, sent: GiB }]);
    expect(network.activeFlows).toBe(0);
  });

  it('slows an existing flow when a second one joins its link, and speeds it up when that one ends', () => {
    // 0-400 ms: a->b alone at 1.25e9 B/s sends 5e8 B, leaving 573,741,824 B. At 400 ms a->c
    // (5e8 B) joins: both at 6.25e8 B/s, so a->c ends after 800 ms, at 1,200 ms, and a->b has
    // 73,741,824 B left, which at 1.25e9 B/s takes 58.99 ms: it ends at 1,259 ms.
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10, c: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    let ac = 0;
    engine.at(400, () => {
      ac = network.start({ src: 'a', dst: 'c', bytes: 5e8, onDone });
    });
    engine.run(400);
    expect(network.sentBytes(ab)).toBe(5e8);
    expect(network.rateBytesPerSec(ab)).toBe(6.25e8);
    engine.run(1_000);
    expect(network.remainingBytes(ab)).toBeCloseTo(GiB - 5e8 - 6.25e8 * 0.6, 3);
    engine.run();
    expect(finished.map(({ id, atMs }) => ({ id, atMs }))).toEqual([
      { id: ac, atMs: 1_200 },
      { id: ab, atMs: 1_259 },
    ]);
  });

  it('returns the bytes sent so far on cancel and never calls onDone for that flow', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10, c: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    const ac = network.start({ src: 'a', dst: 'c', bytes: GiB, onDone });
    let sent = 0;
    engine.at(300, () => {
      sent = network.cancel(ab);
    });
    engine.run();
    expect(sent).toBe(6.25e8 * 0.3);
    // a->c: 1.875e8 B by 300 ms at half the NIC, then the rest at the whole NIC.
    const acEndMs = 300 + Math.ceil(((GiB - 1.875e8) / 1.25e9) * 1000);
    expect(finished).toEqual([{ id: ac, atMs: acEndMs, sent: GiB }]);
    expect(() => network.sentBytes(ab)).toThrow(/unknown or finished flow/);
  });

  it('moves a completion when a cap changes mid-flow', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10 });
    const id = network.start({ src: 'a', dst: 'b', bytes: 1e9, capBytesPerSec: 1e8, onDone });
    engine.at(2_000, () => network.setCap(id, 4e8));
    engine.run();
    // 2e8 B in the first 2 s, then 8e8 B at 4e8 B/s.
    expect(finished).toEqual([{ id, atMs: 4_000, sent: 1e9 }]);
  });

  it('completes flows that end in the same ms in flow id order', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10, c: 10, d: 10 });
    const first = network.start({ src: 'c', dst: 'd', bytes: GiB, onDone });
    const second = network.start({ src: 'a', dst: 'b', bytes: GiB, onDone });
    engine.run();
    expect(finished.map((f) => [f.id, f.atMs])).toEqual([
      [first, 859],
      [second, 859],
    ]);
  });

  it('lets an onDone cancel a flow that ends in the same ms, whose onDone then never runs', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10, c: 10, d: 10 });
    let second = 0;
    let sent = 0;
    network.start({ src: 'a', dst: 'b', bytes: GiB, onDone: (id) => {
      onDone(id);
      sent = network.cancel(second);
    } });
    second = network.start({ src: 'c', dst: 'd', bytes: GiB, onDone });
    engine.run();
    expect(finished.map((f) => f.atMs)).toEqual([859]);
    expect(sent).toBe(GiB);
  });

  it('does not delay a flow due in this ms when another flow joins its link in the same ms', () => {
    // a->b alone at 1e8 B/s needs 10.0000009 ms: within the completion slack, so it is due at
    // ms 10 with 0.09 B of rounding dust left. a->c starts at ms 10 from an event that runs before
    // that ms's completion event and halves a->b's rate; the dust must not push a->b to ms 11.
    const { engine, network, finished, onDone } = cluster({ a: 0.8, b: 10, c: 10 });
    const ab = network.start({ src: 'a', dst: 'b', bytes: 1_000_000.09, onDone });
    engine.at(10, () => network.start({ src: 'a', dst: 'c', bytes: 1e6, onDone }));
    engine.run();
    expect(finished[0]).toEqual({ id: ab, atMs: 10, sent: 1_000_000.09 });
    // a->c then has the whole 1e8 B/s: 10 ms.
    expect(finished[1].atMs).toBe(20);
  });

  it('gives a flow started from onDone the bandwidth of the flow that just ended', () => {
    const { engine, network, finished, onDone } = cluster({ a: 10, b: 10, c: 10 });
    let next = 0;
    network.start({ src: 'a', dst: 'b', bytes: 1.25e9, onDone: (id) => {
      onDone(id);
      next = network.start({ src: 'a', dst: 'c', bytes: 1.25e9, onDone });
    } });
    engine.run();
    expect(finished.map((f) => f.atMs)).toEqual([1_000, 2_000]);
    expect(finished[1].id).toBe(next);
  });
});

describe('Network errors', () => {
  it('throws on a flow from a host to itself', () => {
    const { network, onDone } = cluster({ a: 10 });
    expect(() => network.start({ src: 'a', dst: 'a', bytes: GiB, onDone })).toThrow(/to itself/);
  });

  it('throws on unknown hosts, empty flows, negative caps and duplicate hosts', () => {
    const { network, onDone } = cluster({ a: 10, b: 10 });
    expect(() => network.start({ src: 'a', dst: 'x', bytes: GiB, onDone })).toThrow(/unknown host x/);
    expect(() => network.start({ src: 'a', dst: 'b', bytes: 0, onDone })).toThrow(/bytes > 0/);
    expect(() => network.start({ src: 'a', dst: 'b', bytes: 1, capBytesPerSec: -1, onDone })).toThrow(/cap/);
    expect(() => network.addHost('a', 1e9)).toThrow(/added twice/);
    expect(() => network.addHost('z', 0)).toThrow(/capacity/);
  });
});
