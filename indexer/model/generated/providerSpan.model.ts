import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * First and latest UTC day with supply-side activity (ProviderDay) of a provider; what ProviderCountDay's new and last-active counts move with.
 */
@Entity_()
export class ProviderSpan {
    constructor(props?: Partial<ProviderSpan>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<provider>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @StringColumn_({nullable: false})
    provider!: string

    @DateTimeColumn_({nullable: false})
    firstDay!: Date

    @DateTimeColumn_({nullable: false})
    lastDay!: Date
}
