/** Stands in for the Services object through which functions/ reaches adapters. */
export interface Services {
  readonly queueName: string;
}
