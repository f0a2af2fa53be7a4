import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * A provider (orchestrator, indexer, device owner, licence operator, compute provider) of a network: first and last activity, declared capacity and what it earned. Maintained from facts in the batch transaction.
 */
@Index_(["network", "lastSeen"], {unique: false})
@Entity_()
export class Provider {
    constructor(props?: Partial<Provider>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<address or id>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    category!: string

    /**
     * the provider's address (or id on non-EVM chains), lower case
     */
    @StringColumn_({nullable: false})
    address!: string

    @DateTimeColumn_({nullable: false})
    firstSeen!: Date

    @IntColumn_({nullable: false})
    firstBlock!: number

    @DateTimeColumn_({nullable: false})
    lastSeen!: Date

    @IntColumn_({nullable: false})
    lastBlock!: number

    /**
     * declared capacity, net of registrations and deregistrations, in unit
     */
    @BigIntColumn_({nullable: false})
    capacity!: bigint

    @StringColumn_({nullable: true})
    unit!: string | undefined | null

    /**
     * fees it received (FEE_PAID with it as actor, in the network's fee asset), base units
     */
    @BigIntColumn_({nullable: false})
    feesNative!: bigint

    /**
     * rewards it received (REWARD_EMITTED), token base units
     */
    @BigIntColumn_({nullable: false})
    rewardsNative!: bigint

    @IntColumn_({nullable: false})
    leasesOpened!: number

    @IntColumn_({nullable: false})
    leasesClosed!: number

    /**
     * facts with it as actor
     */
    @IntColumn_({nullable: false})
    facts!: number
}
