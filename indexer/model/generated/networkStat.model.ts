import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * Rollup of one network over one hour or one UTC day. Updated in the batch transaction, so reorgs roll it back.
 */
@Index_(["network", "interval", "periodStart"], {unique: true})
@Entity_()
export class NetworkStat {
    constructor(props?: Partial<NetworkStat>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<interval>-<periodStart ISO>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    category!: string

    /**
     * HOUR | DAY
     */
    @StringColumn_({nullable: false})
    interval!: string

    @DateTimeColumn_({nullable: false})
    periodStart!: Date

    /**
     * fees in fee-asset base units (sum of FEE_PAID)
     */
    @BigIntColumn_({nullable: false})
    feesNative!: bigint

    /**
     * fees valued at the last price known at each fee's block
     */
    @FloatColumn_({nullable: false})
    feesUsd!: number

    /**
     * part of feesNative for which no price was known yet
     */
    @BigIntColumn_({nullable: false})
    feesUnpricedNative!: bigint

    /**
     * fees paid in another asset than the fee asset (Akash USDC leases), valued at its configured fixed USD price; included in feesUsd, not in feesNative
     */
    @FloatColumn_({nullable: false})
    feesOtherUsd!: number

    /**
     * protocol take in another asset than the fee asset (Akash's take on USDC leases), in USD at its configured fixed price; not in protocolTakeNative
     */
    @FloatColumn_({nullable: false})
    protocolTakeOtherUsd!: number

    /**
     * provenance of the period's PROTOCOL_TAKE facts: onchain, inferred or config (rates from configuration, Akash while x/take params cannot be read), mixed when they differ; null without take
     */
    @StringColumn_({nullable: true})
    protocolTakeProvenance!: string | undefined | null

    /**
     * provenance of the period's FEE_PAID facts: onchain (read from the event), inferred (derived by a documented rule), config or import; mixed when they differ; null without fees
     */
    @StringColumn_({nullable: true})
    feesProvenance!: string | undefined | null

    /**
     * provenance of the period's REWARD_EMITTED facts, as feesProvenance; null without rewards
     */
    @StringColumn_({nullable: true})
    rewardsProvenance!: string | undefined | null

    @IntColumn_({nullable: false})
    feeCount!: number

    @BigIntColumn_({nullable: false})
    feesSettledNative!: bigint

    /**
     * incentives in token base units (sum of REWARD_EMITTED)
     */
    @BigIntColumn_({nullable: false})
    rewardsNative!: bigint

    @IntColumn_({nullable: false})
    rewardCount!: number

    @BigIntColumn_({nullable: false})
    protocolTakeNative!: bigint

    @BigIntColumn_({nullable: false})
    mintedNative!: bigint

    @BigIntColumn_({nullable: false})
    burnedNative!: bigint

    @BigIntColumn_({nullable: false})
    bondedNative!: bigint

    @BigIntColumn_({nullable: false})
    unbondedNative!: bigint

    /**
     * fees returned to payers (FEE_REFUNDED), fee-asset base units
     */
    @BigIntColumn_({nullable: false})
    feesRefundedNative!: bigint

    /**
     * fees passed on to delegators / stakers (FEE_SHARED), fee-asset base units
     */
    @BigIntColumn_({nullable: false})
    feesSharedNative!: bigint

    /**
     * tokens into / out of listed non-circulating addresses (SUPPLY_LOCK / SUPPLY_UNLOCK)
     */
    @BigIntColumn_({nullable: false})
    lockedNative!: bigint

    @BigIntColumn_({nullable: false})
    unlockedNative!: bigint

    @IntColumn_({nullable: false})
    nodesRegistered!: number

    @IntColumn_({nullable: false})
    nodesDeregistered!: number

    /**
     * capacity added / removed in the network's capacity unit
     */
    @BigIntColumn_({nullable: false})
    capacityAdded!: bigint

    @BigIntColumn_({nullable: false})
    capacityRemoved!: bigint

    /**
     * capacity taken / given back by leases, in the capacity unit (Σ CAPACITY_LEASED / CAPACITY_RELEASED)
     */
    @BigIntColumn_({nullable: false})
    leasedCapacityAdded!: bigint

    @BigIntColumn_({nullable: false})
    leasedCapacityRemoved!: bigint

    @IntColumn_({nullable: false})
    leasesOpened!: number

    @IntColumn_({nullable: false})
    leasesClosed!: number

    @IntColumn_({nullable: false})
    eventCount!: number

    @IntColumn_({nullable: false})
    lastBlock!: number
}
