/** A tiny inline SVG line (no charting library) for table rows. */
export function Sparkline({ values, color, label, width = 96, height = 26 }: { values: (number | null)[]; color: string; label: string; width?: number; height?: number }) {
  const nums = values.map((v) => v ?? 0)
  const max = Math.max(0, ...nums)
  const min = Math.min(0, ...nums)
  if (nums.length < 2 || max === min) return <span className="spark-none" aria-label={`${label}: no data`}>–</span>
  const x = (i: number) => (i / (nums.length - 1)) * (width - 2) + 1
  const y = (v: number) => height - 2 - ((v - min) / (max - min)) * (height - 4)
  const d = nums.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('')
  return (
    <svg className="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={`${d}L${x(nums.length - 1).toFixed(1)},${height - 1}L1,${height - 1}Z`} fill={color} opacity="0.12" />
      <path d={d} fill="none" stroke={color} strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  )
}
