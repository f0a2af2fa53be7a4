import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * A decoded log from a watched contract, kept verbatim with its chain references.
 */
@Index_(["network", "blockNumber"], {unique: false})
@Entity_()
export class RawEvent {
    constructor(props?: Partial<RawEvent>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>-<block, 10 digits>-<logIndex, 6 digits>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    contract!: string

    @StringColumn_({nullable: false})
    contractName!: string

    @Index_()
    @StringColumn_({nullable: false})
    name!: string

    @StringColumn_({nullable: false})
    topic0!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @StringColumn_({nullable: false})
    blockHash!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * decoded arguments; integers as decimal strings
     */
    @JSONColumn_({nullable: false})
    args!: unknown
}
