// Package library treats a shared network folder of .bpmn files as a
// process library that never loses work.
//
// Design. The folder is the only shared state: there is no server, and
// SMB/NFS shares deliver no change events, so every guarantee is built from
// plain file operations that behave on a share.
//
//   - Index. Open walks the folder for *.bpmn files (hidden names and
//     folders skipped) and keeps one Entry per process. A JSON cache in the
//     user's cache folder (keyed by the library's absolute path) remembers
//     size, modification time, hash and the extracted fields, so a re-open
//     reads only files that changed. The cache is per user, not in the
//     share: readers may have no write access there, and two users writing
//     one cache file would race.
//   - Saves. Save encodes into memory first, writes a hidden temp file in
//     the same folder, fsyncs it, keeps the old file as a backup in
//     .lanemap-backup/, and renames the temp file over the target. Right
//     before the rename it hashes the file on disk and refuses with
//     *ErrChangedOnDisk when it is not what the document was read from, so
//     a save never overwrites someone else's work. Check and rename happen
//     under a commit lock (".name.bpmn.commit", created with O_EXCL, held
//     for milliseconds, abandoned when its holder died), so two Lanemap
//     users saving at the same instant cannot both pass the check; a
//     process killed at any moment leaves the old or the new file whole.
//   - Watching. fsnotify on folders (saves replace files, so file watches
//     would die with the first rename) plus polling on a timer: size and
//     modification time for every file, the hash for loaded files and for
//     files modified within the file system's timestamp granularity.
//     Writes made through this Library are recognised by hash and not
//     reported back.
//   - Conflicts. When a loaded process changed on disk the caller reloads
//     (no local edits), saves its version as a copy, takes theirs, or
//     merges: Merge works per element id (and per DI shape and edge), so
//     changes to different elements combine and an element changed on both
//     sides becomes a Conflict holding both versions.
//   - Locks. A JSON lock file beside the process (".name.bpmn.lock") says
//     who edits it; a heartbeat keeps it fresh, so a lock whose owner
//     process died on this host, or whose heartbeat is older than
//     Options.StaleLockAge, is taken over. Locks are advisory: the hash
//     check on save is what protects the file.
//   - Recovery. Autosave writes unsaved documents to a per-user recovery
//     folder; after a crash Recovery.List offers them for restore.
//   - Identity. A hidden file in the root (IDFile, ".lanemap-library.json")
//     holds a random id, made once (atomically, under a commit lock) by the
//     first publication or editor that needs it and never rewritten. It is
//     copied with the folder and reads the same on every mount of a share,
//     so a published site recognises its library wherever it is reached
//     from; a read-only library without one is known by its path. Being
//     hidden, it is no process to the index, Watch or searches.
//
// Errors that a user can act on (permission denied, disk full, folder gone,
// not a BPMN file, locked, changed on disk) are typed; their Error text is
// Swedish, Message("en") gives English, and each says what happened and
// what to do. A failed save leaves the document untouched in memory.
package library
