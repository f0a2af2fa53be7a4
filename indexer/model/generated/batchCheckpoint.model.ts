import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * The last block of an indexed batch of a chain, with the handler state the batch replaced: the points a reorg deeper than the finality depth rewinds to (indexer/reorg). Kept for the last CHECKPOINT_RETENTION_BLOCKS blocks.
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
     * NetworkState rows the batch changed, as they were before it ({id, network, key, value}; value null = the row did not exist)
     */
    @JSONColumn_({nullable: false})
    stateBefore!: unknown
}
