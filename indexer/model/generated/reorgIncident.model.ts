import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A reorg deeper than the finality depth: detected, reported and rolled back (indexer/reorg.ts). Read by the API (indexerStatus.deepReorgs, lastDeepReorg).
 */
@Index_(["chainId", "detectedAt"], {unique: false})
@Entity_()
export class ReorgIncident {
    constructor(props?: Partial<ReorgIncident>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<detectedAt ISO>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    chain!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @DateTimeColumn_({nullable: false})
    detectedAt!: Date

    /**
     * how it was seen: the stored final block is not on the chain, or a batch does not continue the stored chain
     */
    @StringColumn_({nullable: false})
    reason!: string

    /**
     * the block the indexer held as final, and the canonical chain's hash at that height
     */
    @IntColumn_({nullable: false})
    storedHeight!: number

    @StringColumn_({nullable: false})
    storedHash!: string

    @StringColumn_({nullable: true})
    chainHash!: string | undefined | null

    /**
     * the newest checkpoint still on the canonical chain; everything above it was deleted and is re-indexed
     */
    @IntColumn_({nullable: false})
    rewoundTo!: number

    @StringColumn_({nullable: true})
    rewoundHash!: string | undefined | null

    /**
     * rows deleted or restored by the rollback
     */
    @IntColumn_({nullable: false})
    rowsRolledBack!: number
}
