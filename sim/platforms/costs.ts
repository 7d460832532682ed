// What running each platform costs, by platform: licence, staff, vendor support and training,
// with the source of every default. `hcisim cost` prices a scenario's cluster with these
// (sim/cost/price.ts); a scenario may override any of them under `cost.<platform>.<name>`.
// Hardware is left out on purpose: the same servers are bought whichever platform runs on them,
// as in the course module's TCO table (platform-facts §10), which these defaults reproduce.
import type { CostParameters, PlatformCosts } from './cost-parameters.ts';
import type { PlatformName } from './parameters.ts';

const MODULE_STAFF =
  'platform-facts §10 (course module TCO, US staff rates): 1.5 FTE cost $195K a year and 4 FTE $520K a year, i.e. $130K per loaded FTE; "4-5 OpenStack engineers at $130K each" at 200 servers';
const BROADCOM_PER_CORE =
  'Broadcom per-core subscription, list prices as reported by redresscompliance.com (VVF licensing guide 2026; VCF vs VVF comparison): VMware vSphere Foundation (VVF) ~$135 per core per year, VMware Cloud Foundation (VCF) ~$350; both bill at least 16 cores per physical CPU, and since 2025-04-10 at least 72 cores per order [blog, secondary; list prices, negotiated prices are 20-35 % lower]';
const NO_PER_CORE = 'not used (licenceModel is not perCore); Broadcom VVF/VCF rule kept for a user who switches';

const noLicence = (why: string): Pick<Record<keyof CostParameters, string>, 'licenceModel' | 'licencePerHostPerYearUsd' | 'licencePerCorePerYearUsd' | 'licenceMinCoresPerCpu' | 'licenceMinCoresPerOrder' | 'cpusPerHost'> => ({
  licenceModel: why,
  licencePerHostPerYearUsd: `${why}: 0`,
  licencePerCorePerYearUsd: `${why}: 0`,
  licenceMinCoresPerCpu: `${why}: 0`,
  licenceMinCoresPerOrder: `${why}: 0`,
  cpusPerHost: '[assumption: two-socket servers, the usual virtualisation host]; read only by the perCore licence model',
});

/** The licence inputs of a platform that licenses nothing (open source, or no platform layer). */
const NO_LICENCE: Pick<CostParameters, 'licenceModel' | 'licencePerHostPerYearUsd' | 'licencePerCorePerYearUsd' | 'licenceMinCoresPerCpu' | 'licenceMinCoresPerOrder' | 'cpusPerHost'> = {
  licenceModel: 'none',
  licencePerHostPerYearUsd: 0,
  licencePerCorePerYearUsd: 0,
  licenceMinCoresPerCpu: 0,
  licenceMinCoresPerOrder: 0,
  cpusPerHost: 2,
};

export const PLATFORM_COSTS: Readonly<Record<PlatformName, PlatformCosts>> = {
  vsphere: {
    defaults: {
      licenceModel: 'perHost',
      licencePerHostPerYearUsd: 9000,
      licencePerCorePerYearUsd: 135,
      licenceMinCoresPerCpu: 16,
      licenceMinCoresPerOrder: 72,
      cpusPerHost: 2,
      staffFte: 1.5,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 1800,
      trainingUsd: 0,
    },
    sources: {
      licenceModel:
        'perHost by default, so that the defaults reproduce the course module\'s TCO table (platform-facts §10), which priced vSphere per host. Broadcom now sells only per-core subscriptions (VVF/VCF, see licencePerCorePerYearUsd): set cost.vsphere.licenceModel: perCore to price them; on 20 two-socket 32-core hosts VVF list is $172,800 a year, 4 % below the module\'s $180K',
      licencePerHostPerYearUsd: 'platform-facts §10: vSphere licence about $180K a year for 20 hosts and about $270K for 30 hosts: $9,000 per host-year in both',
      licencePerCorePerYearUsd: `${BROADCOM_PER_CORE}; default VVF $135, the edition that matches the module's vSphere + vSAN cluster (VCF adds NSX and Aria)`,
      licenceMinCoresPerCpu: BROADCOM_PER_CORE,
      licenceMinCoresPerOrder: BROADCOM_PER_CORE,
      cpusPerHost: '[assumption: two-socket servers, the usual virtualisation host]; read only by the perCore licence model',
      staffFte: 'platform-facts §10: vSphere needs 1-2 admins; the TCO uses 1.5 FTE',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd:
        'platform-facts §10: vSphere support $36K a year for 20 hosts = $1,800 per host-year (Broadcom subscriptions include support: with licenceModel perCore set this to 0)',
      trainingUsd: 'platform-facts §10: the module counts no training for vSphere (1-2 admins, 20+ years mature): 0',
    },
  },
  harvester: {
    defaults: {
      ...NO_LICENCE,
      staffFte: 1.5,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 1200,
      trainingUsd: 0,
    },
    sources: {
      ...noLicence('platform-facts §10: Harvester is open source, $0 licence'),
      staffFte: 'platform-facts §10: Harvester needs 1-2 engineers; the TCO uses 1.5 FTE',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd:
        'platform-facts §10: optional SUSE support $24K a year for 20 hosts = $1,200 per host-year. Included by default, as vSphere\'s support is, so the platforms are compared with vendor support (the module\'s $657K end); set 0 for the community-supported $585K end',
      trainingUsd: 'platform-facts §10: the module counts no training for Harvester (4-8 hours setup): 0',
    },
  },
  openstack: {
    defaults: {
      ...NO_LICENCE,
      staffFte: 4,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 0,
      trainingUsd: 50_000,
    },
    sources: {
      ...noLicence('platform-facts §10: upstream OpenStack, $0 licence (a vendor distribution would add a subscription)'),
      staffFte: 'platform-facts §10: OpenStack needs 3-5 engineers; the TCO uses 4 FTE',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd: 'platform-facts §10: the module\'s OpenStack TCO has no vendor support line: 0',
      trainingUsd: 'platform-facts §10: OpenStack TCO includes $50K of training, once',
    },
  },
  baremetal: {
    defaults: {
      ...NO_LICENCE,
      staffFte: 2.4,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 0,
      trainingUsd: 0,
    },
    sources: {
      ...noLicence('no hypervisor or cloud layer to license'),
      staffFte:
        '[assumption from platform-facts §10: the bank spent 40 % of platform time on hardware toil on bare metal and 5 % after moving to a private cloud; the same useful work as a 1.5 FTE private-cloud team (1.5 x 0.95 FTE) then needs 1.5 x 0.95 / 0.60 = 2.4 FTE]',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd: 'no platform software to support; hardware support is the same on every platform and left out: 0',
      trainingUsd: '[assumption: the team already runs servers; no platform training]: 0',
    },
  },
  proxmox: {
    defaults: {
      ...NO_LICENCE,
      staffFte: 1.5,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 1150,
      trainingUsd: 0,
    },
    sources: {
      ...noLicence('Proxmox VE is free software (AGPLv3); a subscription buys the enterprise repository and support, not a licence (forum.proxmox.com staff answer, 2026)'),
      staffFte: '[assumption: a Linux-savvy team of the size the module gives Harvester (1-2 engineers): 1.5 FTE]',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd:
        '[assumption: Proxmox subscriptions are sold per CPU socket and year (Community, Basic, Standard, Premium; the price list at proxmox.com was not read here); Standard at about EUR 530 per socket = about $575, x 2 sockets = $1,150 per host-year]',
      trainingUsd: '[assumption: no platform training counted, as for Harvester in the module]: 0',
    },
  },
  nutanix: {
    defaults: {
      licenceModel: 'perCore',
      licencePerHostPerYearUsd: 0,
      licencePerCorePerYearUsd: 250,
      licenceMinCoresPerCpu: 0,
      licenceMinCoresPerOrder: 0,
      cpusPerHost: 2,
      staffFte: 1.5,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 0,
      trainingUsd: 0,
    },
    sources: {
      licenceModel: 'Nutanix Cloud Infrastructure (NCI, with AHV and the DSF) is a term subscription per physical core [doc, not re-read here]',
      licencePerHostPerYearUsd: 'not used (licenceModel perCore): 0',
      licencePerCorePerYearUsd:
        '[assumption: Nutanix publishes no list price; secondary reports put NCI Pro around $200-300 per core per year with support included: 250. Override with a quote]',
      licenceMinCoresPerCpu: '[assumption: no per-CPU core minimum applied]: 0',
      licenceMinCoresPerOrder: '[assumption: no order minimum applied]: 0',
      cpusPerHost: '[assumption: two-socket servers, the usual virtualisation host]; read only by the perCore licence model',
      staffFte: '[assumption: an HCI appliance team of the size the module gives vSphere (1-2 admins): 1.5 FTE]',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd: 'support is part of the NCI subscription: 0 [doc, not re-read here]',
      trainingUsd: '[assumption: no platform training counted, as for vSphere in the module]: 0',
    },
  },
  openshift: {
    defaults: {
      licenceModel: 'perHost',
      licencePerHostPerYearUsd: 7000,
      licencePerCorePerYearUsd: 0,
      licenceMinCoresPerCpu: 0,
      licenceMinCoresPerOrder: 0,
      cpusPerHost: 2,
      staffFte: 2,
      staffLoadedSalaryUsd: 130_000,
      supportPerHostPerYearUsd: 0,
      trainingUsd: 20_000,
    },
    sources: {
      licenceModel: 'Red Hat OpenShift Virtualization Engine is subscribed per bare-metal node by socket pair, support included [doc, not re-read here]: one subscription per two-socket host = perHost',
      licencePerHostPerYearUsd:
        '[assumption: Red Hat publishes no list price; about $7,000 per two-socket host per year with standard support, from secondary reports. Override with a quote]',
      licencePerCorePerYearUsd: 'not used (licenceModel perHost): 0',
      licenceMinCoresPerCpu: 'not used: 0',
      licenceMinCoresPerOrder: 'not used: 0',
      cpusPerHost: '[assumption: two-socket servers, the usual virtualisation host]; read only by the perCore licence model',
      staffFte: '[assumption: Kubernetes and OpenShift skills for VMs, between the module\'s Harvester (1-2) and OpenStack (3-5) teams: 2 FTE]',
      staffLoadedSalaryUsd: MODULE_STAFF,
      supportPerHostPerYearUsd: 'support is part of the Red Hat subscription: 0',
      trainingUsd: '[assumption: OpenShift administration training (Red Hat DO280/DO316 class level) for the team, once: $20K]',
    },
  },
};
