import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, FloatColumn as FloatColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A USD price observation (Chainlink AnswerUpdated).
 */
@Index_(["asset", "timestamp"], {unique: false})
@Entity_()
export class PricePoint {
    constructor(props?: Partial<PricePoint>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    asset!: string

    @StringColumn_({nullable: false})
    quote!: string

    @BigIntColumn_({nullable: false})
    answer!: bigint

    @IntColumn_({nullable: false})
    decimals!: number

    @FloatColumn_({nullable: false})
    price!: number

    /**
     * when the oracle says the answer was computed
     */
    @DateTimeColumn_({nullable: false})
    updatedAt!: Date

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @IntColumn_({nullable: false})
    chainId!: number

    @IntColumn_({nullable: false})
    blockNumber!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    /**
     * feed description: chainlink:<chainId>:<aggregator address>, or onchain:<chainId>:<contract>:<event> for a price a network contract sets (DIMO DCX rate)
     */
    @StringColumn_({nullable: false})
    source!: string
}
