/** The marks of the compare-view scenario, as sent to the baseline page (built in Node). */
export interface CompareMarks {
  /** Cohort colours, indexed by `cohort`. */
  colours: string[];
  /** One per placed placement: [power, interest, cohort index], power and interest 0–10. */
  marks: Array<[number, number, number]>;
}
