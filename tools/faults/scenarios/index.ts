import type { Scenario } from '../scenario';
import { brokerRestart } from './broker-restart';
import { groupMemberKill } from './group-member-kill';
import { hubKill } from './hub-kill';
import { poisonCorpusScenario } from './poison-corpus';
import { postgresRestart } from './postgres-restart';
import { registryOutage } from './registry-outage';

/** In the order they run (FAULT_SCENARIOS=kill,poison picks by name). */
export const SCENARIOS: readonly Scenario[] = [hubKill, brokerRestart, postgresRestart, registryOutage, groupMemberKill, poisonCorpusScenario];
