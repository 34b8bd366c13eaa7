import type { RoutingCapacity } from '@arbiter/contracts';
import { Card } from '@arbiter/web/ui';

export interface CapacityTilesProps {
  capacity: RoutingCapacity;
}

interface Tile {
  label: string;
  value: string;
  testId: string;
}

/** What the reviewer budget costs now: the price a prediction must meet to be routed, against the policy's, and why. */
export function CapacityTiles({ capacity: c }: CapacityTilesProps) {
  const tiles: Tile[] = [
    { label: 'review price now', value: c.reviewCost.toFixed(3), testId: 'capacity-price' },
    { label: 'policy’s price', value: c.policyReviewCost.toFixed(3), testId: 'capacity-policy-price' },
    { label: 'open reviews', value: c.queueLength.toLocaleString('en-US'), testId: 'capacity-queue' },
    { label: 'predictions in the last hour', value: c.arrivalsPerHour.toLocaleString('en-US'), testId: 'capacity-arrivals' },
    { label: 'share the budget can review', value: `${(c.share * 100).toFixed(1)}%`, testId: 'capacity-share' },
    { label: 'forgone cost per hour', value: c.forgoneCostPerHour.toFixed(2), testId: 'capacity-forgone' },
  ];
  return (
    <Card title="Capacity" testId="routing-capacity">
      <div className="stat-tiles">
        {tiles.map((t) => (
          <div className="stat-tile" key={t.testId}>
            <span className="stat-tile__value" data-testid={t.testId}>
              {t.value}
            </span>
            <span className="stat-tile__label">{t.label}</span>
          </div>
        ))}
      </div>
      <p className="hint" data-testid="capacity-budget">
        {c.budgetPerHour === null
          ? 'No reviewer budget: every prediction whose expected cost is above the policy’s price is routed.'
          : `Budget ${c.budgetPerHour.toLocaleString('en-US')} reviews an hour over a ${c.horizonHours.toFixed(2)} h horizon; ${c.reservedPerHour} in the last hour were routed by rules, floors or audits. The forgone cost is what predictions acted on would have saved with a review at the policy’s price.`}
      </p>
    </Card>
  );
}
