import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, JSONColumn as JSONColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A lease (compute lease, licence rental, stake allocation, storage deal) from open to close, for every network alike. Maintained from LEASE_OPENED / LEASE_CLOSED facts in the batch transaction, so reorgs roll it back.
 */
@Index_(["network", "status"], {unique: false})
@Index_(["network", "provider"], {unique: false})
@Index_(["network", "leaseId"], {unique: false})
@Entity_()
export class Lease {
    constructor(props?: Partial<Lease>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<leaseId>; a lease id opened again after it closed (a licence rented anew) gets -<openedBlock>-<logIndex> appended
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    category!: string

    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * the lease id as the chain names it (Spheron lease id, licence token id, allocation id, Akash owner/dseq/gseq/oseq/provider)
     */
    @StringColumn_({nullable: false})
    leaseId!: string

    @StringColumn_({nullable: true})
    provider!: string | undefined | null

    /**
     * tenant / payer
     */
    @StringColumn_({nullable: true})
    payer!: string | undefined | null

    /**
     * OPEN | CLOSED
     */
    @StringColumn_({nullable: false})
    status!: string

    /**
     * price in base units of priceAsset (with priceDecimals) per priceUnit; null where the chain does not say
     */
    @BigIntColumn_({nullable: true})
    price!: bigint | undefined | null

    @StringColumn_({nullable: true})
    priceAsset!: string | undefined | null

    @IntColumn_({nullable: true})
    priceDecimals!: number | undefined | null

    /**
     * what one price is for: block, second, hour, ...
     */
    @StringColumn_({nullable: true})
    priceUnit!: string | undefined | null

    /**
     * resources leased where known: cpu (units), memoryBytes, storageBytes, gpu, gpuModel, gpuByModel (GPUs per model), stake, ...
     */
    @JSONColumn_({nullable: true})
    resources!: unknown | undefined | null

    /**
     * null when the lease was opened before the indexed range
     */
    @DateTimeColumn_({nullable: true})
    openedAt!: Date | undefined | null

    @IntColumn_({nullable: true})
    openedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    openedTx!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    closedAt!: Date | undefined | null

    @IntColumn_({nullable: true})
    closedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    closedTx!: string | undefined | null

    /**
     * what the lease cost over its life (base units of priceAsset / 10^priceDecimals scale as in price), where known
     */
    @BigIntColumn_({nullable: true})
    spent!: bigint | undefined | null

    /**
     * onchain | inferred | config: of price and spent
     */
    @StringColumn_({nullable: false})
    provenance!: string
}
