// Test helpers shared by the lifecycle specs (not exported from the lib).
import { loadLifecycleDeps } from '../projects.config';
import { Decision, LifecycleDeps, ProjectFact, ProjectState, StatusEvent, decide, evolve, initialState } from './lifecycle';

export const deps: LifecycleDeps = loadLifecycleDeps();
export const PROJECT = 'P-0001';
export const BIN = '180340012345';

type Omitted<T> = T extends unknown ? Omit<T, 'factId' | 'projectId'> : never;
let seq = 0;
export const fact = (f: Omitted<ProjectFact>, projectId = PROJECT): ProjectFact => ({ ...f, projectId, factId: `f-${projectId}-${++seq}` });

export const initiative = (occurredOn = '2026-03-02', over: Partial<Extract<ProjectFact, { type: 'InitiativeRegistered' }>> = {}): ProjectFact => fact({
  type: 'InitiativeRegistered', occurredOn, initiator: 'MFA foreign mission', regionKato: '750000000', companyBin: BIN,
  investment: { amount: '20000000', currency: 'USD' }, jobs: 350, global2000: false, highTech: 'MEDIUM', investmentContract: false, ...over,
});

export const NOW = new Date('2026-11-30T12:00:00Z');

export function apply(state: ProjectState, f: ProjectFact, now = NOW): { state: ProjectState; events: StatusEvent[]; decision: Decision } {
  const decision = decide(f, state, now, deps);
  if (!decision.ok) return { state, events: [], decision };
  return { state: decision.events.reduce(evolve, state), events: decision.events, decision };
}

export function applyAll(facts: readonly ProjectFact[], now = NOW, state = initialState(PROJECT)): { state: ProjectState; events: StatusEvent[] } {
  const events: StatusEvent[] = [];
  for (const f of facts) {
    const r = apply(state, f, now);
    if (!r.decision.ok) throw new Error(`${f.type} refused: ${r.decision.code} ${r.decision.reason}`);
    state = r.state;
    events.push(...r.events);
  }
  return { state, events };
}
