/**
 * The rare paths of flash.ts, loaded on first use (flash.ts imports this module dynamically,
 * and hands it the helpers it shares, so that a bundler need not split flash.ts into a chunk
 * of its own for this one to import):
 * taking over the unread messages of claims whose page is gone (a crashed tab, a reload in the
 * middle of a page view, a lease that ran out), and moving this tab's flash state out of a
 * shared store that failed. An app whose store never shows another document's claim never
 * loads them.
 */
import type { Claim, FlashState, Helpers, StoredFlash } from './flash.js';
import type { FlashStore } from './stores.js';

/** What recovery reads of the flash manager. */
export interface RecoveryHost {
  readonly owner: string;
  readonly locks: LockManager | null;
  readonly storage: { change(next: (state: FlashState) => FlashState): Promise<void> };
  holdOwnerLock(): Promise<boolean>;
}

/**
 * Takes over the unread messages of the claims (among `others`) whose owner is gone; returns
 * what request `id` holds then (`taken`, plus what it recovered, in flash order).
 */
export async function recoverDeadClaims(
  [inFlashOrder, , , unread, ownerLock]: Helpers, manager: RecoveryHost, id: string, taken: StoredFlash[], others: Claim[],
): Promise<StoredFlash[]> {
  const queriedAt = Date.now();
  const alive = await liveOwners(manager, ownerLock);
  const dead = (claim: Claim, now: number): boolean =>
    claim.owner !== manager.owner &&
    (claim.expires !== null ? claim.expires < now : alive !== null && !alive.has(claim.owner) && claim.at < queriedAt);
  // Other tabs in the middle of a page view: nothing to recover, no second transaction.
  if (!others.some((claim) => dead(claim, Date.now()))) return taken;
  await manager.storage.change((state) => {
    const now = Date.now();
    const claims: Record<string, Claim> = {};
    const recovered: StoredFlash[] = [];
    for (const [claimId, claim] of Object.entries(state.claims)) {
      if (dead(claim, now)) recovered.push(...unread(claim));
      else claims[claimId] = claim;
    }
    const mine = claims[id];
    if (recovered.length === 0 || !mine) {
      taken = mine ? mine.items : [];
      return recovered.length === 0 ? state : { pending: inFlashOrder([...recovered, ...state.pending]), claims };
    }
    taken = inFlashOrder([...recovered, ...mine.items]);
    claims[id] = { ...mine, items: taken };
    return { pending: state.pending, claims };
  });
  return taken;
}

/** The documents that hold their owner lock, or null when Web Locks cannot say. */
async function liveOwners(manager: RecoveryHost, ownerLock: string): Promise<Set<string> | null> {
  const locks = manager.locks;
  if (!locks || !(await manager.holdOwnerLock())) return null;
  try {
    const { held = [] } = await locks.query();
    return new Set(held.flatMap((lock) => (lock.name?.startsWith(ownerLock) ? [lock.name.slice(ownerLock.length)] : [])));
  } catch {
    return null;
  }
}

/**
 * Moves this tab's claims and the pending messages out of a shared store that failed (a store
 * over quota can often still shrink): what this tab may keep in memory, or undefined when the
 * store did not call the updater. Rejects when the store fails again.
 */
export async function moveOut([, ownClaims, readState]: Helpers, store: FlashStore, key: string, owner: string): Promise<FlashState | undefined> {
  let moved: FlashState | undefined;
  await store.update(key, (stored) => {
    const state = readState(stored, store.name, key);
    moved = { pending: state.pending, claims: ownClaims(state, owner, true) };
    return { pending: [], claims: ownClaims(state, owner, false) };
  });
  return moved;
}
