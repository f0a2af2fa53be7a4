/** Text alternatives of the native charts: one <tr data-day="YYYY-MM-DD"> per bucket with indexed events, raw numbers in data-value. */
import { bucketLabel, fixed, int, usdFull } from '../format'
import type { ChartRow, Totals } from '../model'
import type { IntervalId } from '../viewstate'

/** A number cell; `data-value` is the raw value, empty for an unknown (null) one. */
function Num({ col, value, children }: { col?: string; value: number | null; children: React.ReactNode }) {
  return (
    <td className="num" data-col={col} data-value={value == null ? '' : String(value)}>
      {children}
    </td>
  )
}

export function FeesTable({ id, rows, totals, feeAsset, interval }: { id: string; rows: ChartRow[]; totals: Totals; feeAsset: string; interval: IntervalId }) {
  return (
    <div className="table-wrap" id={id}>
      <table className="data-table" data-testid="table-fees">
        <caption className="sr-only">Fees per UTC day</caption>
        <thead>
          <tr>
            <th scope="col">{interval === 'day' ? 'Day (UTC)' : interval === 'week' ? 'Week (UTC)' : 'Month'}</th>
            <th scope="col" className="num">Fees ({feeAsset})</th>
            <th scope="col" className="num">Fees (USD)</th>
            <th scope="col" className="num">Fee events</th>
          </tr>
        </thead>
        <tbody>
          {rows.filter((r) => !r.gap).map((r) => (
            <tr key={r.periodStart} data-day={r.day}>
              <th scope="row">{bucketLabel(r.periodStart, interval)}</th>
              <Num col="fees" value={r.fees}>{fixed(r.fees, 6)}</Num>
              <Num col="usd" value={r.feesUsd}>{r.feesUsd == null ? '–' : usdFull(r.feesUsd)}</Num>
              <Num col="count" value={r.feeCount}>{int(r.feeCount)}</Num>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{fixed(totals.fees, 6)}</td>
            <td className="num">{totals.feesUsd == null ? '–' : usdFull(totals.feesUsd)}</td>
            <td className="num">{int(totals.feeCount)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

export function RewardsTable({ id, rows, totals, token, interval }: { id: string; rows: ChartRow[]; totals: Totals; token: string; interval: IntervalId }) {
  return (
    <div className="table-wrap" id={id}>
      <table className="data-table" data-testid="table-rewards">
        <caption className="sr-only">Rewards per UTC day</caption>
        <thead>
          <tr>
            <th scope="col">{interval === 'day' ? 'Day (UTC)' : interval === 'week' ? 'Week (UTC)' : 'Month'}</th>
            <th scope="col" className="num">Rewards ({token})</th>
            <th scope="col" className="num">Reward events</th>
            <th scope="col" className="num">Treasury cut ({token})</th>
          </tr>
        </thead>
        <tbody>
          {rows.filter((r) => !r.gap).map((r) => (
            <tr key={r.periodStart} data-day={r.day}>
              <th scope="row">{bucketLabel(r.periodStart, interval)}</th>
              <Num col="rewards" value={r.rewards}>{fixed(r.rewards, 2)}</Num>
              <Num col="count" value={r.rewardCount}>{int(r.rewardCount)}</Num>
              <Num col="treasury" value={r.protocolTake}>{fixed(r.protocolTake, 2)}</Num>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{fixed(totals.rewards, 2)}</td>
            <td className="num">{int(totals.rewardCount)}</td>
            <td className="num">{fixed(totals.protocolTake, 2)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
