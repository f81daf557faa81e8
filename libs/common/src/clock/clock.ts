/**
 * Where code reads the current time. Request paths take a `Clock` instead of calling `new Date()` or `Date.now()`,
 * so that tests build their fixtures from a clock they set and never depend on the day they run.
 */
export interface Clock {
  /** The current instant (a fresh `Date` the caller may keep). */
  now(): Date;
}

/**
 * Dependency-injection token of the {@link Clock} (NestJS: `@Inject(CLOCK)`, `inject: [CLOCK]`); services provide
 * {@link systemClock} unless a test provides its own.
 */
export const CLOCK = Symbol.for('@iam/common:Clock');

/** The machine's clock: the only place outside tests where the time is read. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that stands still until a test sets or advances it. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number) {
    this.current = ManualClock.toMs(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `instant`. */
  set(instant: Date | string | number): void {
    this.current = ManualClock.toMs(instant);
  }

  /** Moves the clock by `ms` milliseconds (negative moves it back) and returns the new time. */
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  private static toMs(instant: Date | string | number): number {
    const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
    if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
    return ms;
  }
}
