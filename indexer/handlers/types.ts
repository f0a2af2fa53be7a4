/** Inputs and outputs of the pure batch handlers: no database, no network. */
export interface BlockRef {
  height: number
  hash: string
  /** unix milliseconds */
  timestamp: number
}

export interface LogInput {
  address: string
  topics: string[]
  data: string
  logIndex: number
  transactionHash: string
}

export interface BlockInput {
  header: BlockRef
  logs: LogInput[]
}
