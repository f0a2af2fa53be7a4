import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * What a payer (the counterparty of FEE_PAID) paid on a UTC day, for payer concentration. Written in the batch transaction (reorg-safe).
 */
@Index_(["network", "day"], {unique: false})
@Index_(["network", "payer"], {unique: false})
@Entity_()
export class PayerDay {
    constructor(props?: Partial<PayerDay>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<YYYY-MM-DD>-<payer>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @DateTimeColumn_({nullable: false})
    day!: Date

    @StringColumn_({nullable: false})
    payer!: string

    /**
     * fees paid, fee-asset base units
     */
    @BigIntColumn_({nullable: false})
    feesNative!: bigint

    /**
     * fees paid in the network's other fee asset (otherFeeAssets; Akash: USDC), that asset's base units; 0 elsewhere
     */
    @BigIntColumn_({nullable: false})
    feesOther!: bigint

    /**
     * FEE_PAID facts (either asset)
     */
    @IntColumn_({nullable: false})
    payments!: number
}
