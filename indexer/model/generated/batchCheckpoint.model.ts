import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * The last block of an indexed batch of a chain, with the rows the batch replaced: the points a reorg deeper than the finality depth rewinds to (indexer/reorg.ts). Kept for the last 50,000 blocks.
 */
@Index_(["chainId", "height"], {unique: false})
@Entity_()
export class BatchCheckpoint {
    constructor(props?: Partial<BatchCheckpoint>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<height, 10 digits>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * first block of the batch
     */
    @IntColumn_({nullable: false})
    firstBlock!: number

    /**
     * last block of the batch
     */
    @IntColumn_({nullable: false})
    height!: number

    @StringColumn_({nullable: false})
    hash!: string

    /**
     * rows of mutable tables (rollups, provider days, handler state, leases, providers, cursor) the batch overwrote or deleted, as they were before it ({table, id, row}; row null = the batch created it)
     */
    @JSONColumn_({nullable: false})
    rowsBefore!: unknown
}
