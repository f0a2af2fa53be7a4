/** Time buckets and windows: one implementation shared with the API (common/series.ts). */
export * from '../../common/series'
