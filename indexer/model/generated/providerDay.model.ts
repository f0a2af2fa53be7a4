import {PrimaryColumn as PrimaryColumn_} from "typeorm"
import {Entity as Entity_, Column as Column_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A provider (orchestrator, indexer, device owner, licence operator...) active on a network on a UTC day: it earned fees or rewards, registered or served capacity. Written in the batch transaction (reorg-safe); active / new / churned providers are counted from it.
 */
@Index_(["network", "day"], {unique: false})
@Index_(["network", "provider"], {unique: false})
@Entity_()
export class ProviderDay {
    constructor(props?: Partial<ProviderDay>) {
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
     * facts of the provider that day
     */
    @IntColumn_({nullable: false})
    facts!: number
}
