import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, FloatColumn as FloatColumn_} from "@subsquid/typeorm-store"

/**
 * A token price imported from an off-chain source (npm run prices:import), one per asset and day or hour.
 */
@Index_(["asset", "interval", "periodStart"], {unique: true})
@Entity_()
export class TokenPrice {
    constructor(props?: Partial<TokenPrice>) {
        Object.assign(this, props)
    }

    /**
     * <asset>-<interval>-<periodStart ISO>
     */
    @PrimaryColumn_({type: 'varchar'})
    id!: string

    @StringColumn_({nullable: false})
    asset!: string

    /**
     * HOUR | DAY
     */
    @StringColumn_({nullable: false})
    interval!: string

    @DateTimeColumn_({nullable: false})
    periodStart!: Date

    @FloatColumn_({nullable: false})
    price!: number

    @FloatColumn_({nullable: true})
    marketCap!: number | undefined | null

    @FloatColumn_({nullable: true})
    volume!: number | undefined | null

    /**
     * import:<source>:<file name>
     */
    @StringColumn_({nullable: false})
    source!: string
}
