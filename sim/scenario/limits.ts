// Hard limits on what one scenario file may ask for, in one place so the schema, the budget check
// (budget.ts) and the docs quote the same numbers. The totals are sized from the scale case
// (scenarios/scale-2000-hosts.yaml: 2,000 hosts, 16,000 OSDs, 40,000 VMs, pg_num 524,288 at size 3)
// with a margin of about ten, so every real fleet hcisim is meant for fits and a file that asks for
// more than a machine can hold is refused in milliseconds instead of running out of memory.

/** Host groups and VM groups per file. */
export const GROUPS_MAX = 1_000;
/** Schedule entries per file (and names or globs in one entry's list). */
export const SCHEDULE_ENTRIES_MAX = 10_000;

/** Hosts in all groups together (the scale case has 2,000). */
export const HOSTS_TOTAL_MAX = 20_000;
/** VMs in all groups together (the scale case has 40,000). */
export const VMS_TOTAL_MAX = 400_000;
/** Data disks of all hosts together: OSDs under Ceph (the scale case has 16,000). */
export const DISKS_TOTAL_MAX = 200_000;
/** Ceph PG copies, pg_num x size: each is a placed replica the run tracks (the scale case has 1,572,864). */
export const PG_COPIES_MAX = 16_777_216;
/** Ceph striping work, pg_num x distinct volume sizes (the scale case has 524,288). */
export const PG_STRIPES_MAX = 33_554_432;
/** Random disk and host failures the `failures` rates are expected to draw over the run (the scale case: about 32). */
export const RANDOM_FAILURES_MAX = 100_000;
/**
 * Events the random failures are expected to cause: each failure weighed by the VMs and volume copies
 * on its host or disk (budget.ts). At the slowest rate measured outside Ceph (Nutanix on a 0.1 GbE
 * network, ~0.15 ms an event) about five minutes; the scale case expects about 10,000.
 */
export const RANDOM_FAILURE_EVENTS_MAX = 2_000_000;
/** Name matching before the run: schedule entries x (hosts + VMs) (the scale case: 42,000). */
export const SCHEDULE_MATCHES_MAX = 20_000_000;
/** Longest file the loader reads: a fleet of groups is a few kilobytes. */
export const FILE_BYTES_MAX = 4 * 1024 * 1024;
/** Problems printed for one file before "... and N more". */
export const PROBLEM_LINES_MAX = 20;
