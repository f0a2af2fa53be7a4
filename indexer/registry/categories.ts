/** DePIN categories used to group networks. Colours are kept across every dashboard page. */
export interface CategoryDef {
  id: string
  name: string
  color: string
}

export const categories: CategoryDef[] = [
  { id: 'compute', name: 'Compute', color: '#6366f1' },
  { id: 'storage', name: 'Storage', color: '#0ea5e9' },
  { id: 'wireless', name: 'Wireless', color: '#f59e0b' },
  { id: 'sensors', name: 'Sensors', color: '#10b981' },
  { id: 'ai', name: 'AI', color: '#ec4899' },
  { id: 'data', name: 'Data indexing', color: '#8b5cf6' },
  { id: 'iot', name: 'IoT & device identity', color: '#14b8a6' },
]
