import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * Progress of the indexer per chain, written in every batch.
 */
@Entity_()
export class ChainCursor {
    constructor(props?: Partial<ChainCursor>) {
        Object.assign(this, props)
    }

    /**
     * chain id as string
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    chain!: string

    @IntColumn_({nullable: false})
    height!: number

    @StringColumn_({nullable: false})
    hash!: string

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
