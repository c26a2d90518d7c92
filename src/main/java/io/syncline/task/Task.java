package io.syncline.task;

import io.syncline.change.log.Synced;
import io.syncline.change.log.SyncedEntityListener;
import io.syncline.forms.Form;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A task; every change to one is in the change feed as entity {@code Task}. It is also the form
 * {@code Task}, which checks every Task written and validates the demo's new-task form.
 */
@Entity
@Table(name = "TASK")
@Synced
@Form("Task")
@EntityListeners(SyncedEntityListener.class)
public class Task {

  @Id
  @Column(name = "ID", length = 150)
  private String id;

  @NotBlank(message = "is required")
  @Size(max = 200)
  @Column(name = "TITLE", length = 200, nullable = false)
  private String title;

  @Size(max = 40)
  @Column(name = "STATUS", length = 40)
  private String status = "open";

  @Size(max = 200)
  @Column(name = "ASSIGNEE", length = 200)
  private String assignee;

  @Column(name = "DUE_DATE")
  private LocalDate dueDate;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getAssignee() {
    return assignee;
  }

  public void setAssignee(String assignee) {
    this.assignee = assignee;
  }

  public LocalDate getDueDate() {
    return dueDate;
  }

  public void setDueDate(LocalDate dueDate) {
    this.dueDate = dueDate;
  }

  /** Takes every field but the id from {@code other}. */
  void copyFrom(Task other) {
    this.title = other.title;
    this.status = other.status;
    this.assignee = other.assignee;
    this.dueDate = other.dueDate;
  }
}
