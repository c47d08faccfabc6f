/**
 * "A card is read once per placement" (specs/idcard-sam.md, "Read flow"),
 * as a small pure state machine fed with each find result.
 *
 * Readers differ after a successful read: some answer find with 80 while
 * the card still lies there (it was halted), some keep answering 9F. Either
 * way the card is read again only after find has said 80 at least once — it
 * left the field — or when the clerk asks for a re-read on purpose.
 */
export type PlacementAction =
  /** Read the card now. */
  | 'read'
  /** A card that was read (or given up on) has left. */
  | 'removed'
  | 'idle';

export type PlacementState = 'empty' | 'unread' | 'read' | 'gave-up';

export class PlacementTracker {
  private current: PlacementState = 'empty';
  private failures = 0;
  private forced = false;
  /** The state a forced re-read started from, restored when it fails. */
  private forcedFrom: PlacementState | null = null;

  constructor(private readonly attemptsPerPlacement = 2) {}

  get state(): PlacementState {
    return this.current;
  }

  onFind(found: boolean): PlacementAction {
    if (this.forced) {
      this.forced = false;
      this.forcedFrom = this.current;
      return 'read';
    }
    if (!found) {
      const was = this.current;
      this.current = 'empty';
      this.failures = 0;
      return was === 'read' || was === 'gave-up' ? 'removed' : 'idle';
    }
    if (this.current === 'empty' || this.current === 'unread') {
      this.current = 'unread';
      return 'read';
    }
    return 'idle';
  }

  onReadOk(): void {
    this.current = 'read';
    this.failures = 0;
    this.forcedFrom = null;
  }

  /** Returns true when this placement is given up (the clerk is told to place the card again). */
  onReadFailed(): boolean {
    if (this.forcedFrom !== null) {
      // A re-read on purpose that failed: say so at once, and leave the placement as it was.
      this.current = this.forcedFrom;
      this.forcedFrom = null;
      return true;
    }
    this.failures++;
    if (this.failures >= this.attemptsPerPlacement) {
      this.current = 'gave-up';
      return true;
    }
    this.current = 'unread';
    return false;
  }

  /** A failure another attempt cannot fix (the card's content does not decode): give up on this placement now. */
  giveUp(): void {
    this.forcedFrom = null;
    this.current = 'gave-up';
  }

  /** The clerk wants the card on the reader read again. */
  reread(): void {
    this.forced = true;
  }
}
