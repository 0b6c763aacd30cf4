import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client'
import { createWorkbenchModel } from './workbench/workbenchModel'
import { ModelContext } from './workbench/modelContext'
import { App } from './App'
import './styles/theme.css'
import './styles/app.css'
import './styles/console.css'
import './styles/sessions.css'
import './styles/errors.css'

const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches
const model = createWorkbenchModel(createClient(), { systemTheme: prefersDark ? 'dark' : 'light' })

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <ModelContext.Provider value={model}>
      <App />
    </ModelContext.Provider>
  </StrictMode>
)
