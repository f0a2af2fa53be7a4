/** Text alternatives of the charts: the API's daily rows, one <tr data-day="YYYY-MM-DD"> each, raw numbers in data-value. */
import type { DayStat } from '../api'
import { dayKey, dayLongLabel, fixed, int, usdFull } from '../format'
import type { Totals } from '../model'

function Num({ col, value, children }: { col?: string; value: number; children: React.ReactNode }) {
  return (
    <td className="num" data-col={col} data-value={String(value)}>
      {children}
    </td>
  )
}

export function FeesTable({ id, rows, totals, feeAsset }: { id: string; rows: DayStat[]; totals: Totals; feeAsset: string }) {
  return (
    <div className="table-wrap" id={id}>
      <table className="data-table" data-testid="table-fees">
        <caption className="sr-only">Fees per UTC day</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col" className="num">Fees ({feeAsset})</th>
            <th scope="col" className="num">Fees (USD)</th>
            <th scope="col" className="num">Winning tickets</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.periodStart} data-day={dayKey(r.periodStart)}>
              <th scope="row">{dayLongLabel(r.periodStart)}</th>
              <Num col="fees" value={r.fees}>{fixed(r.fees, 6)}</Num>
              <Num col="usd" value={r.feesUsd}>{usdFull(r.feesUsd)}</Num>
              <Num col="count" value={r.feeCount}>{int(r.feeCount)}</Num>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{fixed(totals.fees, 6)}</td>
            <td className="num">{usdFull(totals.feesUsd)}</td>
            <td className="num">{int(totals.feeCount)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

export function RewardsTable({ id, rows, totals, token }: { id: string; rows: DayStat[]; totals: Totals; token: string }) {
  return (
    <div className="table-wrap" id={id}>
      <table className="data-table" data-testid="table-rewards">
        <caption className="sr-only">Rewards per UTC day</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col" className="num">Rewards ({token})</th>
            <th scope="col" className="num">Reward calls</th>
            <th scope="col" className="num">Treasury cut ({token})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.periodStart} data-day={dayKey(r.periodStart)}>
              <th scope="row">{dayLongLabel(r.periodStart)}</th>
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
