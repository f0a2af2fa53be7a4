import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {FactKind} from "./_factKind"

/**
 * A normalized economic fact derived from one raw event. One event may yield several facts.
 */
@Index_(["network", "kind", "timestamp"], {unique: false})
@Entity_()
export class EconomicFact {
    constructor(props?: Partial<EconomicFact>) {
        Object.assign(this, props)
    }

    /**
     * <rawEvent id>-<ordinal>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    category!: string

    @Column_("varchar", {length: 17, nullable: false})
    kind!: FactKind

    /**
     * asset symbol of amount (ETH, LPT, ...)
     */
    @StringColumn_({nullable: false})
    asset!: string

    /**
     * native base units
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

    @IntColumn_({nullable: false})
    decimals!: number

    /**
     * provider / orchestrator / recipient
     */
    @Index_()
    @StringColumn_({nullable: true})
    actor!: string | undefined | null

    /**
     * payer / delegator / counterparty
     */
    @StringColumn_({nullable: true})
    counterparty!: string | undefined | null

    /**
     * what the fact is about beyond the parties: lease id, device id, token id
     */
    @StringColumn_({nullable: true})
    subject!: string | undefined | null

    /**
     * capacity unit for NODE_* facts (devices, GPUs, licences, ...)
     */
    @StringColumn_({nullable: true})
    unit!: string | undefined | null

    @IntColumn_({nullable: false})
    chainId!: number

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    @StringColumn_({nullable: false})
    rawEvent!: string

    /**
     * onchain | inferred | config
     */
    @StringColumn_({nullable: false})
    provenance!: string
}
