import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A DePIN network from the registry (indexer/registry). Written at indexer start.
 */
@Entity_()
export class Network {
    constructor(props?: Partial<Network>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    name!: string

    /**
     * primary category id, e.g. compute
     */
    @StringColumn_({nullable: false})
    category!: string

    @StringColumn_({array: true, nullable: false})
    categories!: (string)[]

    @StringColumn_({nullable: false})
    chain!: string

    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    tokenSymbol!: string

    @StringColumn_({nullable: true})
    tokenAddress!: string | undefined | null

    @IntColumn_({nullable: false})
    tokenDecimals!: number

    @StringColumn_({nullable: false})
    feeAsset!: string

    @IntColumn_({nullable: false})
    feeAssetDecimals!: number

    /**
     * where the registry entry comes from (repository and path)
     */
    @StringColumn_({nullable: false})
    source!: string
}
