// Input the router cannot decide on (a probability vector, cost matrix, policy or capacity figure that does not
// make sense): raised before any decision is made, naming the offending field.

export enum RoutingErrorCode {
  InvalidShape = 'ROUTING_INVALID_SHAPE',
  NotFinite = 'ROUTING_NOT_FINITE',
  InvalidProbability = 'ROUTING_INVALID_PROBABILITY',
  NegativeCost = 'ROUTING_NEGATIVE_COST',
  InvalidLabel = 'ROUTING_INVALID_LABEL',
  InvalidPolicy = 'ROUTING_INVALID_POLICY',
  InvalidValue = 'ROUTING_INVALID_VALUE',
}

/** `path` names the offending field (`probs[2]`, `costMatrix[1][0]`, `rules[0].when.any[1].op`). */
export class RoutingError extends Error {
  constructor(
    readonly code: RoutingErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}
