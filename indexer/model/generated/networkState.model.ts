import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * Handler state that outlives a batch (current prices of a store, open leases, ...), versioned with the batch so reorgs roll it back.
 */
@Entity_()
export class NetworkState {
    constructor(props?: Partial<NetworkState>) {
        Object.assign(this, props)
    }

    /**
     * <network>:<key>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    key!: string

    @JSONColumn_({nullable: false})
    value!: unknown
}
