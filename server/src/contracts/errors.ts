/** One thing wrong with an input, named by its path (`events[0].criteria[1].max`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Every error answer, REST and socket alike. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** every problem found, for 400s that list several */
  problems?: Problem[];
}
