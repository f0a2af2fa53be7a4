import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A log at a watched address that could not be decoded or normalized. Kept with its reason; indexing goes on.
 */
@Entity_()
export class QuarantinedLog {
    constructor(props?: Partial<QuarantinedLog>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    address!: string

    @StringColumn_({array: true, nullable: false})
    topics!: (string)[]

    @StringColumn_({nullable: false})
    data!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @StringColumn_({nullable: false})
    blockHash!: string

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    @StringColumn_({nullable: false})
    reason!: string
}
