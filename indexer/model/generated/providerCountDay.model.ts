import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * Providers of a network per UTC day, counted from ProviderDay and maintained with it in the batch transaction (reorg-safe), so that the API reads one row per network and day instead of every provider day. Churned providers on day D are lastActiveProviders of day D - CHURN_DAYS.
 */
@Index_(["network", "day"], {unique: true})
@Entity_()
export class ProviderCountDay {
    constructor(props?: Partial<ProviderCountDay>) {
        Object.assign(this, props)
    }

    /**
     * <network>-<YYYY-MM-DD>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    network!: string

    @DateTimeColumn_({nullable: false})
    day!: Date

    /**
     * providers with a ProviderDay that day
     */
    @IntColumn_({nullable: false})
    activeProviders!: number

    /**
     * providers whose first ProviderDay is that day
     */
    @IntColumn_({nullable: false})
    newProviders!: number

    /**
     * providers whose latest ProviderDay (so far) is that day
     */
    @IntColumn_({nullable: false})
    lastActiveProviders!: number
}
