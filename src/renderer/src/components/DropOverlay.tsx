/** Shown while a file is dragged over the window. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-card">Drop a .spyglass file to open the session, or a .cpuprofile to import the profile</div>
    </div>
  )
}
