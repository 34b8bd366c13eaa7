// Cost-sensitive routing of production predictions (issue 10): decide by expected cost against a review cost,
// calibrate with a fitted temperature and class bias, route by confidence floors, metadata rules and an audit share,
// and price reviews so a reviewer budget goes where a review saves the most; re-fit the temperature, the class bias
// and the review price from reviewers' verdicts and compare policies on held-out verdicts. Pure functions over plain
// JSON data.
export { decide } from './lib/decide';
export type { DecideInput, Decision, RouteAction } from './lib/decide';
export { fitTemperature, calibrateProbs, logitsFromProbs, LOGIT_PROBABILITY_FLOOR } from './lib/temperature';
export type { FitTemperatureInput, TemperatureFit } from './lib/temperature';
export { expectedCalibrationError } from './lib/expected-calibration-error';
export type { EceInput } from './lib/expected-calibration-error';
export { PROBABILITY_SUM_TOLERANCE } from './lib/probability-rows';
export type { Rows } from './lib/probability-rows';
export { matchesCondition, checkCondition, MAX_CONDITION_DEPTH } from './lib/metadata-condition';
export type { MetadataCondition, MetadataComparison, MetadataScalar } from './lib/metadata-condition';
export { inAuditSample } from './lib/audit-sample';
export { checkRoutingPolicy, ROUTING_POLICY_SCHEMA_VERSION } from './lib/routing-policy';
export type { RoutingPolicy, ConfidenceFloor, AuditSample, MetadataRule, SimilarCases } from './lib/routing-policy';
export { routePrediction } from './lib/route-prediction';
export type { RoutePredictionInput, RouteResult, RouteReason } from './lib/route-prediction';
export { capacityReviewCost } from './lib/capacity-review-cost';
export type { CapacityInput, CapacityPrice } from './lib/capacity-review-cost';
export { evaluatePolicies, FIXED_CONFIDENCE_THRESHOLD } from './lib/evaluate-policies';
export type { EvaluatePoliciesInput, PolicyCost, CostCurvePoint, PolicyEvaluation } from './lib/evaluate-policies';
export type { ReviewedOutcome } from './lib/price-sweep';
export { fitTemperatureAndBias } from './lib/class-bias';
export type { TemperatureAndBias } from './lib/class-bias';
export { checkLearnedPrice, PRICE_CHECK_FOLDS, PRICE_CHECK_STANDARD_ERRORS } from './lib/price-check';
export type { PriceCheck, PriceCheckInput } from './lib/price-check';
export { fitRoutingPolicy, MIN_REVIEWED_PREDICTIONS, MIN_PART_ROWS, DEFAULT_HELD_OUT_SHARE } from './lib/fit-routing-policy';
export type { FitRoutingPolicyInput, ReviewedPrediction, RoutingPolicyFit } from './lib/fit-routing-policy';
export { RoutingError, RoutingErrorCode } from './lib/routing.error';
