/** The economic model of each network, by network id. A network without a model is not simulated. */
import { LivepeerModel } from './livepeer'
import type { ModelFactory } from './model'

export const models: Record<string, ModelFactory> = {
  livepeer: (ctx) => new LivepeerModel(ctx),
}
