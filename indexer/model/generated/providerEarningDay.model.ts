import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * What a provider received on a UTC day (the facts that make Provider rows: fees where providers receive them, rewards, leases), for windowed provider stats and leaderboards. Written in the batch transaction (reorg-safe).
 */
@Index_(["network", "day"], {unique: false})
@Index_(["network", "provider"], {unique: false})
@Entity_()
export class ProviderEarningDay {
    constructor(props?: Partial<ProviderEarningDay>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<YYYY-MM-DD>-<provider>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @DateTimeColumn_({nullable: false})
    day!: Date

    @StringColumn_({nullable: false})
    provider!: string

    /**
     * fees received (FEE_PAID with it as actor), fee-asset base units
     */
    @BigIntColumn_({nullable: false})
    feesNative!: bigint

    /**
     * fees received in the network's other fee asset (otherFeeAssets; Akash: USDC), that asset's base units; 0 elsewhere
     */
    @BigIntColumn_({nullable: false})
    feesOther!: bigint

    /**
     * protocol take on those fees (PROTOCOL_TAKE of the same raw event and subject as a FEE_PAID to it; Akash: the lease's take), fee-asset base units
     */
    @BigIntColumn_({nullable: false})
    takeNative!: bigint

    /**
     * protocol take on the fees in the other fee assets, their base units
     */
    @BigIntColumn_({nullable: false})
    takeOther!: bigint

    /**
     * rewards received (REWARD_EMITTED), token base units
     */
    @BigIntColumn_({nullable: false})
    rewardsNative!: bigint

    @IntColumn_({nullable: false})
    leasesOpened!: number

    @IntColumn_({nullable: false})
    leasesClosed!: number

    /**
     * facts with it as provider that day
     */
    @IntColumn_({nullable: false})
    facts!: number
}
